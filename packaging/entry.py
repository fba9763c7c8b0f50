"""Entry point of the frozen app (PyInstaller runs this file as ``__main__``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Large vCard imports parse in spawned worker processes; in a frozen app each worker is
    # this executable again, and freeze_support() turns it into a worker instead of a GUI.
    multiprocessing.freeze_support()
    from netdesk.app import main

    sys.exit(main())
