from django.urls import path

from tellonce.early_years import views

app_name = "early_years"
urlpatterns = [
    path("notifications-from-health/", views.notifications, name="notifications"),
    path("notifications-from-health/new/", views.notify, name="notify"),
    path("notifications-from-health/figures/", views.figures, name="figures"),
    path("notifications-from-health/<uuid:pk>/", views.notification, name="notification"),
    path("notifications-from-health/<uuid:pk>/<slug:step>/", views.step, name="step"),
]
