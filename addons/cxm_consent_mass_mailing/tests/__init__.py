from . import test_mass_mailing, test_unsubscribe, test_withdrawal_sequences
