from django.urls import path

from tellonce.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.background_work, name="background-work"),
    path("dead-letters/<int:pk>/retry/", views.retry, name="retry"),
]
