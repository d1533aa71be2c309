import datetime

import factory
from django.utils import timezone

from sendtracker.core.models import User

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@council.example")
    job_title = "Head of SEND"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BoardMeetingFactory(factory.django.DjangoModelFactory):
    """A meeting of the council's improvement board, held a week ago by default."""

    class Meta:
        model = "core.BoardMeeting"

    board_name = "SENDIB"
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    attendees = "Chair (independent)\nDirector of Children's Services"
