from django.urls import path

from tellonce.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("children/<uuid:pk>/", views.child, name="child"),
    path("my-work/", views.my_work, name="my-work"),
    path("allocation/", views.allocation, name="allocation"),
]
