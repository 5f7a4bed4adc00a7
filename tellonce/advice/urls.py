from django.urls import path

from tellonce.advice import views

app_name = "advice"
urlpatterns = [
    path("advice/", views.inbox, name="inbox"),
    path("advice/timeliness/", views.timeliness, name="timeliness"),
    path("advice/timeliness/cases/", views.timeliness_cases, name="timeliness-cases"),
    path("advice/<uuid:pk>/", views.detail, name="detail"),
    path("advice/<uuid:pk>/give/", views.give, name="give"),
    path("advice/<uuid:pk>/decide/", views.decide, name="decide"),
    path("advice/<uuid:pk>/exception/", views.exception, name="exception"),
    path("advice/documents/<int:pk>/", views.document, name="document"),
]
