from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tellonce.core"
    label = "core"
