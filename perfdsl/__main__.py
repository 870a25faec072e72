import sys

from perfdsl.cli import main

sys.exit(main())
