from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "tellonce.front_door"
    label = "front_door"
    verbose_name = "Online requests for an EHC needs assessment"
