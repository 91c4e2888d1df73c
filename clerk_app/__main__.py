import sys

from clerk_app.cli.main import main

sys.exit(main())
