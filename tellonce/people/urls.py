from django.urls import path

from tellonce.people.views import invitations, record

app_name = "people"
urlpatterns = [
    path("caseload/children/", record.caseload, name="caseload"),
    path("children/", record.child_list, name="list"),
    path("children/find/", record.find, name="find"),
    path("my-children/", record.my_children, name="my-children"),
    path("children/<uuid:pk>/change/", record.edit, name="edit"),
    path("children/<uuid:pk>/all-about-me/", record.edit_all_about_me, name="all-about-me"),
    path("children/<uuid:pk>/consent/", record.record_consent, name="consent"),
    path("children/<uuid:pk>/who-decides/", record.who_decides, name="who-decides"),
    path("children/<uuid:pk>/access-log/", record.access_log, name="access-log"),
    path("children/<uuid:pk>/access-log.csv", record.access_log_csv, name="access-log-csv"),
    path("children/<uuid:pk>/family-accounts/", invitations.family_accounts, name="family-accounts"),
    path(
        "children/<uuid:pk>/family-accounts/<uuid:invitation_pk>/cancel/",
        invitations.cancel_invitation,
        name="cancel-invitation",
    ),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("invitations/<str:token>/code/", invitations.invitation_code, name="invitation-code"),
]
