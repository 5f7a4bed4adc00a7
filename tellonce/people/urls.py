from django.urls import path

from tellonce.people.views import record as views

app_name = "people"
urlpatterns = [
    path("caseload/children/", views.caseload, name="caseload"),
    path("children/", views.child_list, name="list"),
    path("children/find/", views.find, name="find"),
    path("my-children/", views.my_children, name="my-children"),
    path("children/<uuid:pk>/change/", views.edit, name="edit"),
    path("children/<uuid:pk>/all-about-me/", views.edit_all_about_me, name="all-about-me"),
    path("children/<uuid:pk>/consent/", views.record_consent, name="consent"),
    path("children/<uuid:pk>/access-log/", views.access_log, name="access-log"),
]
