# selfeval: `make` builds bin/selfeval; `make check` installs what is
# missing, builds and runs every test; `make demo` ingests the fixtures.
# SANITIZE=1 builds with AddressSanitizer + UndefinedBehaviorSanitizer.

PKGS = poppler-glib cairo libpcre2-8 sqlite3 glib-2.0 gio-2.0 json-glib-1.0 \
	xlsxwriter libxml-2.0 libzip tesseract lept
BUILD = build/$(if $(SANITIZE),san,opt)
CC ?= cc
WARN = -std=c11 -Wall -Wextra -Werror -O2 -g
ifneq ($(SANITIZE),)
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
# Recursive (=) so pkg-config runs when a rule needs it, after scripts/deps.
ALL_CFLAGS = $(WARN) $(SAN) -D_GNU_SOURCE -MMD -MP \
	-Icommon -Iextract -Iparse -Iload -Iingest \
	$(shell pkg-config --cflags $(PKGS)) $(CFLAGS)
LIBS = $(shell pkg-config --libs $(PKGS)) -lm

LIB_SRCS = $(wildcard common/*.c extract/*.c parse/*.c load/*.c)
SRCS = selfeval.c $(wildcard ingest/*.c) $(LIB_SRCS)
OBJS = $(SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
TEMPLATES = $(sort $(wildcard parse/templates/*.tmpl))
TEST_TOOLS = $(BUILD)/jsoneq $(BUILD)/normtest $(BUILD)/ocrscore

.PHONY: all check demo deps fixtures bench clean valgrind FORCE

all: bin/selfeval

# bin/selfeval is whichever flavour was built last.
bin/selfeval: $(BUILD)/selfeval FORCE
	@mkdir -p bin
	@cmp -s $< $@ || { cp $< $@.tmp && mv $@.tmp $@; }

$(BUILD)/selfeval: $(OBJS)
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/embedded.c: scripts/embed.sh parse/units.txt $(TEMPLATES)
	@mkdir -p $(dir $@)
	@echo "EMBED $(TEMPLATES)"
	@scripts/embed.sh parse/units.txt $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/jsoneq: $(BUILD)/tests/jsoneq.o
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/ocrscore: $(BUILD)/tests/ocrscore.o
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/normtest: $(BUILD)/tests/normtest.o $(LIB_OBJS)
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

deps:
	@scripts/deps

check:
	@scripts/deps
	@$(MAKE) --no-print-directory all $(TEST_TOOLS)
	@SELFEVAL=bin/selfeval TOOLS=$(BUILD) tests/run

demo:
	@scripts/deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

valgrind:
	@$(MAKE) --no-print-directory all $(TEST_TOOLS)
	@SELFEVAL=bin/selfeval TOOLS=$(BUILD) VALGRIND=1 tests/run

fixtures:
	@scripts/deps --fixtures
	@$(MAKE) --no-print-directory -f fixtures/Makefile.fixtures fixtures

bench:
	@scripts/deps --bench
	@$(MAKE) --no-print-directory all
	@scripts/bench

clean:
	rm -rf build bin demo.db demo.db-wal demo.db-shm

-include $(OBJS:.o=.d)
