from . import test_call_kpis
