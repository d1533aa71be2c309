"""What every app's urls.py shares: the pages of one record, named after it.

Not a URLconf: the project's URLs are in sendtracker/urls.py and each app's urls.py.
"""

from django.urls import path


def page(route: str, view, name: str):
    """`path(route, view, name=name)` for a view class (its `as_view()`) or a function."""
    return path(route, view.as_view() if hasattr(view, "as_view") else view, name=name)


def record_paths(prefix: str, name: str, **pages) -> list:
    """The paths of one record's pages, below `prefix` and named `<name>-<page>`.

    `detail` is the record's own page, at `prefix`; any other page is at the path
    segment of its name, with hyphens for underscores. So
    `record_paths(plan, "plan", detail=PlanDetailView, sign_off=SignOffView)` is
    `plan` ("plan-detail") and `plan + "sign-off/"` ("plan-sign-off"). A page is a view
    class or a view function.
    """
    paths = []
    for segment, view in pages.items():
        segment = segment.replace("_", "-")
        route = prefix if segment == "detail" else f"{prefix}{segment}/"
        paths.append(page(route, view, f"{name}-{segment}"))
    return paths


def import_paths(route: str, name: str, import_class) -> list:
    """An import's two pages (core.views.imports), from the class that says what the
    import is (an ImportMixin with the app's scoping mixin): the upload form at `route`,
    named `name`, and the preview of an uploaded file at `route` + its token, named
    `<name>-preview`."""
    from sendtracker.core.views.imports import ImportPreviewView, ImportUploadView

    upload = type(f"{import_class.__name__}UploadView", (import_class, ImportUploadView), {})
    preview = type(f"{import_class.__name__}PreviewView", (import_class, ImportPreviewView), {})
    return [
        path(route, upload.as_view(), name=name),
        path(f"{route}<str:token>/", preview.as_view(), name=f"{name}-preview"),
    ]
