from django.urls import path

from referrals import views

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/new/", views.resource_edit, name="resource_create"),
    path("directory/export.csv", views.directory_export, name="directory_export"),
    path("directory/import/", views.directory_import, name="directory_import"),
    path("directory/<int:pk>/", views.resource_detail, name="resource_detail"),
    path("directory/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("directory/<int:pk>/card.txt", views.resource_card, name="resource_card"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_edit, name="agency_create"),
    path("agencies/<int:pk>/", views.agency_edit, name="agency_edit"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_edit, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/reviewed/", views.agreement_reviewed, name="agreement_reviewed"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
    path("clients/<int:pk>/releases/new/", views.release_create, name="release_create"),
    path("releases/<int:pk>/", views.release_detail, name="release_detail"),
    path(
        "clients/<int:pk>/referred-by/new/",
        views.incoming_referral_create,
        name="incoming_referral_create",
    ),
    path("releases/<int:pk>/revoke/", views.release_revoke, name="release_revoke"),
    path("clients/<int:pk>/referrals/new/", views.referral_create, name="referral_create"),
    path(
        "contacts/<int:pk>/referrals/new/",
        views.contact_referral_create,
        name="contact_referral_create",
    ),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
]
