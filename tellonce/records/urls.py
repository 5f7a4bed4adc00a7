from django.urls import path

from tellonce.records import views

app_name = "records"
urlpatterns = [
    path("records/", views.retention_report, name="retention"),
    path("records/dispose/", views.dispose, name="dispose"),
    path("records/children/<uuid:pk>/subject-access/", views.subject_access, name="subject-access"),
    path("records/children/<uuid:pk>/hold/", views.place_hold, name="hold"),
    path("records/holds/<uuid:pk>/release/", views.release_hold, name="release-hold"),
]
