from django.urls import path

from tellonce.inclusion import views

app_name = "inclusion"
urlpatterns = [
    path("inclusion/", views.measures_page, name="measures"),
    path("inclusion/import/", views.import_page, name="import"),
    path("inclusion/import/unmatched/", views.unmatched, name="unmatched"),
    path("inclusion/children/", views.children, name="children"),
    path("inclusion/children/<uuid:pk>/", views.child_page, name="child"),
]
