from . import test_ecommerce
