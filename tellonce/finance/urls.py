from django.urls import path

from tellonce.finance import views

app_name = "finance"
urlpatterns = [
    path("forecasts/", views.forecasts, name="forecasts"),
    path("forecasts/save/", views.save, name="save"),
    path("forecasts/<int:pk>/", views.vintage, name="vintage"),
    path("forecasts/<int:pk>/csv/", views.vintage_csv, name="vintage-csv"),
    path("banding/", views.banding_page, name="banding"),
    path("spend/", views.spend_page, name="spend"),
    path("spend/months.csv", views.spend_csv, name="spend-csv"),
    path("spend/caseload-cost.csv", views.caseload_cost_csv, name="caseload-cost-csv"),
    path("banding/tables.csv", views.band_tables_csv, name="band-tables-csv"),
    path("children/<uuid:child_pk>/top-up/", views.top_up, name="top-up"),
]
