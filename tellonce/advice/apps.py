from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "tellonce.advice"
    label = "advice"
    verbose_name = "Advice from professionals"
