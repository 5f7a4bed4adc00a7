from django.apps import AppConfig


class SenSupportConfig(AppConfig):
    name = "tellonce.sen_support"
    label = "sen_support"
    verbose_name = "SEN support in schools"
