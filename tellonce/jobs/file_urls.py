from django.urls import path

from tellonce.jobs import files

app_name = "files"
urlpatterns = [
    path("", files.your_files, name="list"),
    path("<uuid:pk>/", files.prepared_file, name="prepared"),
    path("<uuid:pk>/download/", files.download, name="download"),
]
