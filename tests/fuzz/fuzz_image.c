/*
 * libFuzzer harness: the image files extract reads for OCR (PNG, JPEG,
 * TIFF with many pages) on any bytes: the page count and every page's
 * size from its header, then each page decoded by Leptonica (libpng,
 * libjpeg, libtiff), without the OCR. A file is refused with an error or
 * its pages come out no larger than the headers allowed.
 */
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdlib.h>

#include "image.h"
#include "status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_file f;
	GError *error = NULL;

	if (image_open(&f, data, size, 20, &error) != SE_OK) {
		if (error == NULL || error->message == NULL)
			abort();
		g_error_free(error);
		return 0;
	}
	if (error != NULL || f.pages < 1 || f.pages > 20)
		abort();
	for (int i = 0; i < f.pages; i++) {
		PIX *p = image_next(&f);
		if (p != NULL && (double)pixGetWidth(p) * pixGetHeight(p) >
		    IMAGE_MAX_MEGAPIXELS * 1e6)
			abort();
		pixDestroy(&p);
	}
	return 0;
}
