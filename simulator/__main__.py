"""`python -m simulator` runs the same command line as `council-sim`."""

import sys

from simulator.cli import main

sys.exit(main())
