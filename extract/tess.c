/*
 * Tesseract, loaded when the first scanned page needs it instead of when
 * selfeval starts. Two reasons:
 * - A worker must run Tesseract on one thread (parallelism is by
 *   processes; OpenMP's threads made a page take 18 s instead of 3 on a
 *   busy machine). Tesseract's regions run on the calling thread
 *   (ompserial.c); for any other kind, libgomp reads OMP_THREAD_LIMIT
 *   once, as it is loaded. Linked in, libgomp is loaded before main and
 *   the program had to start itself again with the variable set; loaded
 *   here, the variable is set first.
 * - libtesseract brings some thirty libraries of its own (libcurl,
 *   libarchive, GnuTLS, Kerberos...) that the dynamic loader would map
 *   and relocate for every extract of a born-digital PDF.
 *
 * The OCR (extract/ocr*.c) calls Tesseract's C API by its names; the
 * definitions below forward each call to the library. The table is the process's binding
 * of those names, as the dynamic loader's would be: filled once, never
 * changed.
 */
#include <stdlib.h>
#include <tesseract/capi.h>

#include "lazylib.h"
#include "status.h"
#include "tess.h"

#define TESS_FUNCS(X) \
	X(TessBaseAPICreate) X(TessBaseAPIInit3) X(TessBaseAPIDelete) \
	X(TessBaseAPIEnd) X(TessBaseAPISetVariable) \
	X(TessBaseAPISetPageSegMode) X(TessBaseAPISetImage2) \
	X(TessBaseAPISetSourceResolution) X(TessBaseAPIRecognize) \
	X(TessBaseAPIGetIterator) X(TessBaseAPIClear) \
	X(TessBaseAPIAnalyseLayout) X(TessDeleteText) \
	X(TessResultIteratorGetPageIterator) X(TessResultIteratorGetUTF8Text) \
	X(TessResultIteratorConfidence) X(TessResultIteratorGetChoiceIterator) \
	X(TessResultIteratorNext) X(TessResultIteratorDelete) \
	X(TessPageIteratorBoundingBox) X(TessPageIteratorIsAtBeginningOf) \
	X(TessPageIteratorNext) X(TessPageIteratorDelete) \
	X(TessChoiceIteratorGetUTF8Text) X(TessChoiceIteratorNext) \
	X(TessChoiceIteratorDelete) X(TessBaseAPIIsValidWord)

static struct {
	void *handle;
#define X(f) __typeof__(f) *f;
	TESS_FUNCS(X)
#undef X
} tess;

bool
tess_load(GError **error)
{
#define X(f) #f,
	static const char *const names[] = { TESS_FUNCS(X) };
#undef X
#define X(f) (void **)&tess.f,
	void **const slots[] = { TESS_FUNCS(X) };
#undef X
	char *why = NULL;

	if (tess.handle != NULL)
		return true;
	setenv("OMP_THREAD_LIMIT", "1", 1);
	tess.handle = lazylib_open(TESSERACT_SONAME, names, slots,
	    G_N_ELEMENTS(names), &why);
	if (tess.handle == NULL) {
		g_set_error(error, SE_ERROR, SE_NOTEXT, "scanned pages need "
		    "Tesseract 5: install the package libtesseract5 (%s)", why);
		g_free(why);
		return false;
	}
	return true;
}

TessBaseAPI *TessBaseAPICreate(void) { return tess.TessBaseAPICreate(); }
int TessBaseAPIInit3(TessBaseAPI *a, const char *path, const char *lang)
{ return tess.TessBaseAPIInit3(a, path, lang); }
void TessBaseAPIDelete(TessBaseAPI *a) { tess.TessBaseAPIDelete(a); }
void TessBaseAPIEnd(TessBaseAPI *a) { tess.TessBaseAPIEnd(a); }
BOOL TessBaseAPISetVariable(TessBaseAPI *a, const char *name, const char *value)
{ return tess.TessBaseAPISetVariable(a, name, value); }
void TessBaseAPISetPageSegMode(TessBaseAPI *a, TessPageSegMode mode)
{ tess.TessBaseAPISetPageSegMode(a, mode); }
void TessBaseAPISetImage2(TessBaseAPI *a, struct Pix *pix)
{ tess.TessBaseAPISetImage2(a, pix); }
void TessBaseAPISetSourceResolution(TessBaseAPI *a, int ppi)
{ tess.TessBaseAPISetSourceResolution(a, ppi); }
int TessBaseAPIRecognize(TessBaseAPI *a, ETEXT_DESC *monitor)
{ return tess.TessBaseAPIRecognize(a, monitor); }
TessResultIterator *TessBaseAPIGetIterator(TessBaseAPI *a)
{ return tess.TessBaseAPIGetIterator(a); }
void TessBaseAPIClear(TessBaseAPI *a) { tess.TessBaseAPIClear(a); }
TessPageIterator *TessBaseAPIAnalyseLayout(TessBaseAPI *a)
{ return tess.TessBaseAPIAnalyseLayout(a); }
void TessDeleteText(const char *text) { tess.TessDeleteText(text); }
TessPageIterator *TessResultIteratorGetPageIterator(TessResultIterator *it)
{ return tess.TessResultIteratorGetPageIterator(it); }
char *TessResultIteratorGetUTF8Text(const TessResultIterator *it,
    TessPageIteratorLevel level)
{ return tess.TessResultIteratorGetUTF8Text(it, level); }
float TessResultIteratorConfidence(const TessResultIterator *it,
    TessPageIteratorLevel level)
{ return tess.TessResultIteratorConfidence(it, level); }
TessChoiceIterator *TessResultIteratorGetChoiceIterator(
    const TessResultIterator *it)
{ return tess.TessResultIteratorGetChoiceIterator(it); }
BOOL TessResultIteratorNext(TessResultIterator *it, TessPageIteratorLevel level)
{ return tess.TessResultIteratorNext(it, level); }
void TessResultIteratorDelete(TessResultIterator *it)
{ tess.TessResultIteratorDelete(it); }
BOOL TessPageIteratorBoundingBox(const TessPageIterator *it,
    TessPageIteratorLevel level, int *left, int *top, int *right, int *bottom)
{ return tess.TessPageIteratorBoundingBox(it, level, left, top, right, bottom); }
BOOL TessPageIteratorIsAtBeginningOf(const TessPageIterator *it,
    TessPageIteratorLevel level)
{ return tess.TessPageIteratorIsAtBeginningOf(it, level); }
BOOL TessPageIteratorNext(TessPageIterator *it, TessPageIteratorLevel level)
{ return tess.TessPageIteratorNext(it, level); }
void TessPageIteratorDelete(TessPageIterator *it)
{ tess.TessPageIteratorDelete(it); }
const char *TessChoiceIteratorGetUTF8Text(const TessChoiceIterator *it)
{ return tess.TessChoiceIteratorGetUTF8Text(it); }
BOOL TessChoiceIteratorNext(TessChoiceIterator *it)
{ return tess.TessChoiceIteratorNext(it); }
void TessChoiceIteratorDelete(TessChoiceIterator *it)
{ tess.TessChoiceIteratorDelete(it); }
int TessBaseAPIIsValidWord(TessBaseAPI *a, const char *word)
{ return tess.TessBaseAPIIsValidWord(a, word); }
