from django.urls import path

from tellonce.audit import views

app_name = "audit"
urlpatterns = [path("children/<uuid:pk>/access-log/", views.access_log, name="access-log")]
