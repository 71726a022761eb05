from django.urls import path

from referrals import views

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/new/", views.resource_edit, name="resource_create"),
    path("directory/export.csv", views.directory_export, name="directory_export"),
    path("directory/import/", views.directory_import, name="directory_import"),
    path("directory/<id:pk>/", views.resource_detail, name="resource_detail"),
    path("directory/<id:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("directory/<id:pk>/card.txt", views.resource_card, name="resource_card"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_edit, name="agency_create"),
    path("agencies/<id:pk>/", views.agency_edit, name="agency_edit"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_edit, name="agreement_create"),
    path("agreements/<id:pk>/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<id:pk>/reviewed/", views.agreement_reviewed, name="agreement_reviewed"),
    path("agreements/<id:pk>/document/", views.agreement_document, name="agreement_document"),
    path("releases/<id:pk>/revoke/", views.release_revoke, name="release_revoke"),
    path("clients/<id:pk>/referrals/new/", views.referral_create, name="referral_create"),
    path(
        "contacts/<id:pk>/referrals/new/",
        views.contact_referral_create,
        name="contact_referral_create",
    ),
    path("referrals/<id:pk>/", views.referral_detail, name="referral_detail"),
    path("clients/<id:pk>/housing/", views.housing_list, name="housing_list"),
]
