# Set-up and the two everyday commands. Both install libedit-dev (with apt) when it is missing.
#   make shell   build iijq (release) and open the shell on the embedded fact base
#   make test    run the whole test suite
#   make docs    regenerate the shell completions (completions/) and the man page (docs/iijq.1)
#                from the command definition; `make completions` does the same

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: shell test deps docs completions

deps:
	@pkg-config --exists libedit 2>/dev/null || { \
		echo "Installing libedit-dev and pkg-config with apt…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libedit-dev pkg-config; }

shell: deps
	swift build -c release --static-swift-stdlib --product iijq
	LANG=$${LANG:-C.UTF-8} .build/release/iijq

test: deps
	LANG=C.UTF-8 swift test

docs completions: deps
	scripts/generate-docs.sh
