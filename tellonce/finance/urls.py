from django.urls import path

from tellonce.finance.views import banding, forecasts, spend

app_name = "finance"
urlpatterns = [
    path("forecasts/", forecasts.forecasts, name="forecasts"),
    path("forecasts/save/", forecasts.save, name="save"),
    path("forecasts/<int:pk>/", forecasts.vintage, name="vintage"),
    path("forecasts/<int:pk>/csv/", forecasts.vintage_csv, name="vintage-csv"),
    path("banding/", banding.banding_page, name="banding"),
    path("spend/", spend.spend_page, name="spend"),
    path("spend/months.csv", spend.spend_csv, name="spend-csv"),
    path("spend/caseload-cost.csv", spend.caseload_cost_csv, name="caseload-cost-csv"),
    path("banding/tables.csv", banding.band_tables_csv, name="band-tables-csv"),
    path("children/<uuid:child_pk>/top-up/", banding.top_up, name="top-up"),
]
