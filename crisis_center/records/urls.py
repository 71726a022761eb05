"""The pages of every registered client record kind, under today's paths and names."""

from django.urls import path

from crisis_center.records import KINDS, Kind, views


def _routes(kind: Kind) -> list:
    pages = {
        "create": (f"clients/<id:pk>/{kind.url_path}/new/", views.record_create),
        "detail": (f"{kind.url_path}/<id:pk>/", views.record_detail),
        "edit": (f"{kind.url_path}/<id:pk>/edit/", views.record_edit),
    }
    return [
        path(route, view, {"kind": kind.slug}, name=name)
        for name in kind.url_names()
        for route, view in [pages[name.removeprefix(f"{kind.slug}_")]]
    ]


urlpatterns = [route for kind in KINDS.values() for route in _routes(kind)]
