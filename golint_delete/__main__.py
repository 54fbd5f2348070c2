from golint_delete.cli import main

main()
