from django.urls import path

from crisis_center import roster_views as views

urlpatterns = [
    path("roster/", views.roster_week, name="roster_week"),
    path("roster/month/", views.roster_this_month, name="roster_this_month"),
    path("roster/<int:year>/<int:month>/", views.roster_month, name="roster_month"),
    path("roster/shifts/new/", views.shift_create, name="shift_create"),
    path("roster/shifts/<id:pk>/edit/", views.shift_edit, name="shift_edit"),
    path("roster/shifts/<id:pk>/delete/", views.shift_delete, name="shift_delete"),
    path("roster/shifts/<id:pk>/repeat/", views.shift_repeat, name="shift_repeat"),
    path("roster/shifts/<id:pk>/swap/", views.swap_create, name="swap_create"),
    path("roster/swaps/", views.swap_list, name="swap_list"),
    path("roster/swaps/<id:pk>/take/", views.swap_take, name="swap_take"),
    path("roster/swaps/<id:pk>/withdraw/", views.swap_withdraw, name="swap_withdraw"),
    path("roster/swaps/<id:pk>/approve/", views.swap_approve, name="swap_approve"),
    path("roster/swaps/<id:pk>/refuse/", views.swap_refuse, name="swap_refuse"),
    path("roster/kinds/", views.kind_list, name="shift_kind_list"),
    path("roster/kinds/new/", views.kind_create, name="shift_kind_create"),
    path("roster/kinds/<id:pk>/edit/", views.kind_edit, name="shift_kind_edit"),
]
