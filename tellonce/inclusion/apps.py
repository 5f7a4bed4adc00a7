from django.apps import AppConfig


class InclusionConfig(AppConfig):
    name = "tellonce.inclusion"
    label = "inclusion"
    verbose_name = "Inclusion measures"
