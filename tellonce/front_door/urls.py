from django.urls import path

from tellonce.front_door.views import council, requesting

app_name = "front_door"
urlpatterns = [
    path("requests/", requesting.mine, name="mine"),
    path("requests/new/", requesting.start, name="start"),
    path("requests/<uuid:pk>/", requesting.detail, name="detail"),
    path("requests/<uuid:pk>/documents/<int:document_pk>/", requesting.document, name="document"),
    path("requests/<uuid:pk>/evidence/", requesting.evidence, name="evidence"),
    path("requests/<uuid:pk>/<slug:step>/", requesting.step, name="step"),
    path("new-requests/", council.queue, name="queue"),
    path("new-requests/<uuid:pk>/", council.check, name="check"),
]
