from django.urls import path

from tellonce.waiting_lists import views

app_name = "waiting_lists"
urlpatterns = [
    path("waiting/", views.overview, name="overview"),
    path("waiting/referrals/<uuid:pk>/", views.referral_page, name="referral"),
    path("waiting/<slug:code>/", views.service_page, name="service"),
    path("waiting/<slug:code>/oversight/", views.oversight, name="oversight"),
    path("waiting/<slug:code>/unmatched/", views.unmatched, name="unmatched"),
]
