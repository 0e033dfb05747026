# selfeval: `make` builds bin/selfeval; `make check` installs what is
# missing, builds and runs every test; `make demo` ingests the fixtures.
# SANITIZE=1 builds with AddressSanitizer + UndefinedBehaviorSanitizer.
# `make fuzz` builds the libFuzzer harnesses of tests/fuzz/ with clang and
# runs each for FUZZ_SECONDS (default 60).

PKGS = poppler-glib cairo cairo-ft fontconfig libpcre2-8 glib-2.0 gio-2.0 json-glib-1.0 lept
# Linked statically, from the archives their Debian -dev packages ship:
# each shared library costs every start its mapping and the dynamic
# loader's relocations (SQLite alone had 1,600), and these are used by no
# other library selfeval loads.
STATIC_PKGS = sqlite3 freexl libgsf-1 libxml-2.0 nettle
# (Their own dependencies follow, linked as usual; libgsf's .pc does not
# name libbz2, which libgsf-1-dev installs.)
STATIC_LIBS = -lsqlite3 -lfreexl -lgsf-1 -lxml2 -lnettle
# libxlsxwriter, Tesseract and libzip: their headers only. Each is opened
# by its soname when first needed (load/export.c for a workbook,
# extract/tess.c for a scanned page, extract/ziplib.c for XLSX and DOCX),
# so that no other command loads them and the libraries they pull in.
soname = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/$(2) 2>/dev/null | awk '/SONAME/ {print $$2}')
TESS_SONAME = $(call soname,tesseract,libtesseract.so)
ZIP_SONAME = $(call soname,libzip,libzip.so)
XLSX_SONAME = $(call soname,xlsxwriter,libxlsxwriter.so)
BUILD = build/$(if $(FUZZ),fuzz,$(if $(SANITIZE),san,opt))
CC ?= cc
WARN = -std=c11 -Wall -Wextra -Werror -O2 -g
ifneq ($(SANITIZE),)
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
# FUZZ=1 (set by `make fuzz`): every object instrumented for libFuzzer.
ifneq ($(FUZZ),)
CC = clang
SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
endif
FUZZ_SECONDS = 60
FUZZERS = $(patsubst tests/fuzz/%.c,$(BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))
# Recursive (=) so pkg-config runs when a rule needs it, after scripts/deps.
ALL_CFLAGS = $(WARN) $(SAN) -D_GNU_SOURCE -MMD -MP \
	-Icommon -Iextract -Iparse -Iload -Iingest \
	$(shell pkg-config --cflags $(PKGS) $(STATIC_PKGS) xlsxwriter tesseract \
	libzip) $(CFLAGS)
# Poppler, libstdc++ and libc first: for each of its thousands of
# relocations the dynamic loader searches the libraries in this order, and
# most resolve there (an eighth of a small extract's startup).
# Tesseract's OpenMP regions bind to extract/ompserial.c's definitions.
LIBS = -Wl,--export-dynamic-symbol='GOMP_*' \
	-Wl,--no-as-needed $(shell pkg-config --libs poppler) -lstdc++ -lc -lm \
	-Wl,--as-needed $(shell pkg-config --libs $(PKGS)) \
	-Wl,-Bstatic $(STATIC_LIBS) -Wl,-Bdynamic \
	$(shell pkg-config --libs --static $(STATIC_PKGS)) -lbz2 -lm

LIB_SRCS = $(wildcard common/*.c extract/*.c parse/*.c load/*.c)
SRCS = selfeval.c $(wildcard ingest/*.c) $(LIB_SRCS)
OBJS = $(SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
TEMPLATES = $(sort $(wildcard parse/templates/*.tmpl))
TEST_TOOLS = $(BUILD)/genrecords $(BUILD)/jsoneq $(BUILD)/normtest $(BUILD)/modeltest \
	$(BUILD)/numfmttest $(BUILD)/ocrscore

.SECONDARY:
.PHONY: all check demo deps fixtures bench clean valgrind fuzz fuzzers FORCE

all: bin/selfeval

# bin/selfeval is whichever flavour was built last.
bin/selfeval: $(BUILD)/selfeval FORCE
	@mkdir -p bin
	@cmp -s $< $@ || { cp $< $@.tmp && mv $@.tmp $@; }

$(BUILD)/selfeval: $(OBJS)
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $(OBJS) $(LIBS)

$(BUILD)/extract/tess.o: ALL_CFLAGS += -DTESSERACT_SONAME='"$(or $(TESS_SONAME),libtesseract.so.5)"'
$(BUILD)/extract/ziplib.o: ALL_CFLAGS += -DLIBZIP_SONAME='"$(or $(ZIP_SONAME),libzip.so.4)"'
$(BUILD)/load/export.o: ALL_CFLAGS += -DXLSXWRITER_SONAME='"$(or $(XLSX_SONAME),libxlsxwriter.so)"'

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

EMBEDDED = parse/units.txt extract/terms.txt extract/words.txt
$(BUILD)/embedded.c: scripts/embed.sh $(EMBEDDED) $(TEMPLATES)
	@mkdir -p $(dir $@)
	@echo "EMBED $(TEMPLATES)"
	@scripts/embed.sh $(EMBEDDED) $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/jsoneq: $(BUILD)/tests/jsoneq.o
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/ocrscore: $(BUILD)/tests/ocrscore.o
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/genrecords: $(BUILD)/tests/genrecords.o
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/normtest: $(BUILD)/tests/normtest.o $(LIB_OBJS)
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(LIB_OBJS)
	@echo "LD $@"
	@$(CC) $(SAN) -fsanitize=fuzzer -o $@ $^ $(LIBS)

fuzzers: $(FUZZERS)

fuzz:
	@scripts/deps --fuzz
	@$(MAKE) --no-print-directory FUZZ=1 fuzzers
	@tests/fuzz/run -s $(FUZZ_SECONDS) build/fuzz

$(BUILD)/modeltest: $(BUILD)/tests/modeltest.o $(LIB_OBJS)
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/numfmttest: $(BUILD)/tests/numfmttest.o $(BUILD)/extract/numfmt.o
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
	@$(MAKE) --no-print-directory all $(BUILD)/genrecords
	@GENRECORDS=$(BUILD)/genrecords scripts/bench

clean:
	rm -rf build bin demo.db demo.db-wal demo.db-shm

-include $(OBJS:.o=.d)
