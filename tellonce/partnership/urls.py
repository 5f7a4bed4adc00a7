from django.urls import path

from tellonce.partnership import views

app_name = "partnership"
urlpatterns = [
    path("partnership/", views.dashboard, name="dashboard"),
    path("partnership/dashboard.pdf", views.dashboard_pdf, name="dashboard-pdf"),
    path("partnership/<str:measure>/<str:month>/children/", views.children_behind, name="children-behind"),
    path("partnership/targets/", views.targets, name="targets"),
    path("partnership/neighbours/", views.neighbours, name="neighbours"),
    path("partnership/neighbours/<int:pk>/", views.change_neighbour, name="change-neighbour"),
]
