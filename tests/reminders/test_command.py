import pytest
from django.core.management import CommandError, call_command

from sendtracker.reminders import backends
from sendtracker.reminders.models import ReminderLog

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_dry_run_lists_what_would_go_and_sends_nothing(world, capsys):
    call_command("send_reminders", "--dry-run", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "6 reminder(s) would be sent" in out
    assert f"action_due\tOlive Officer <{world['officer'].email}>" in out
    assert backends.outbox == [] and not ReminderLog.objects.exists()


def test_the_command_sends_and_a_rerun_sends_nothing(world, capsys):
    call_command("send_reminders", "--today", TODAY.isoformat())
    assert "6 sent, 0 failed" in capsys.readouterr().out
    call_command("send_reminders", "--today", TODAY.isoformat())
    assert "0 sent, 0 failed" in capsys.readouterr().out
    assert len(backends.outbox) == 6


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "30/11/2026")


def test_dry_run_on_the_demo_lists_reminders_with_their_recipients(db, capsys):
    call_command("load_demo")
    capsys.readouterr()
    call_command("send_reminders", "--dry-run")
    lines = capsys.readouterr().out.splitlines()
    reminders = [line for line in lines if "\t" in line]
    assert reminders, lines
    assert all("@" in line.split("\t")[1] for line in reminders)
    # The demo's board meets on 16 December 2021: three days before, its people hear.
    call_command("send_reminders", "--dry-run", "--today", "2021-12-13")
    out = capsys.readouterr().out
    assert "meeting_updates\t" in out and "meeting_pack\tboard@leicester.example" in out


def test_the_console_backend_prints_each_email(world, capsys, settings):
    settings.REMINDER_BACKEND = "console"
    call_command("send_reminders", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert out.count("Subject: ") == 6
    assert f"To: {world['board'].email}\nSubject: Ready for the board: SENDIB" in out
    assert backends.outbox == []


def test_an_unknown_backend_is_refused(world, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.REMINDER_BACKEND = "pigeon"
    with pytest.raises(ImproperlyConfigured, match="REMINDER_BACKEND must be one of"):
        call_command("send_reminders", "--today", TODAY.isoformat())
