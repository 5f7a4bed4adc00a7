from django.urls import path

from tellonce.finance import views

app_name = "finance"
urlpatterns = [
    path("forecasts/", views.forecasts, name="forecasts"),
    path("forecasts/save/", views.save, name="save"),
    path("forecasts/<int:pk>/", views.vintage, name="vintage"),
    path("forecasts/<int:pk>/csv/", views.vintage_csv, name="vintage-csv"),
    path("banding/", views.banding_page, name="banding"),
    path("children/<uuid:child_pk>/top-up/", views.top_up, name="top-up"),
]
