from django.urls import path

from tellonce.returns import views

app_name = "returns"
urlpatterns = [
    path("returns/sen2/", views.sen2_return, name="sen2"),
    path("returns/sen2/check/", views.sen2_check, name="sen2-check"),
    path("returns/sen2/download/", views.sen2_download, name="sen2-download"),
]
