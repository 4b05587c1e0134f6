from . import test_autoreply, test_loop_baseline, test_roundtrip, test_subject_threading, test_ui
