from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo municipality (``load_demo``) and the synthetic data for benchmarks
    (``generate_data``). Depends on the product apps; no product app imports it."""

    name = "samskab.demo"
    label = "demo"
