/*
 * libzip, opened when the first ZIP container (XLSX, DOCX) is read: linked
 * in, it brought OpenSSL's libcrypto (for encrypted archives, which
 * selfeval never opens) into every start, a quarter of the dynamic
 * loader's work for a PDF. detect.c and ooxml.c call libzip by its names;
 * the definitions below forward to the library once zip_load has opened
 * it. As in tess.c, the table is the process's binding of those names,
 * filled once.
 */
#include <string.h>
#include <zip.h>

#include "lazylib.h"
#include "status.h"
#include "ziplib.h"

#define ZIP_FUNCS(X) \
	X(zip_discard) X(zip_error_fini) X(zip_error_init) \
	X(zip_error_strerror) X(zip_fclose) X(zip_file_strerror) \
	X(zip_fopen_index) X(zip_fread) X(zip_get_name) X(zip_get_num_entries) \
	X(zip_name_locate) X(zip_open_from_source) \
	X(zip_source_buffer_create) X(zip_source_free) X(zip_stat_index) \
	X(zip_strerror)

static struct {
	void *handle;
#define X(f) __typeof__(f) *f;
	ZIP_FUNCS(X)
#undef X
} lib;

bool
zip_load(GError **error)
{
#define X(f) #f,
	static const char *const names[] = { ZIP_FUNCS(X) };
#undef X
#define X(f) (void **)&lib.f,
	void **const slots[] = { ZIP_FUNCS(X) };
#undef X
	char *why = NULL;

	if (lib.handle != NULL)
		return true;
	lib.handle = lazylib_open(LIBZIP_SONAME, names, slots,
	    G_N_ELEMENTS(names), &why);
	if (lib.handle == NULL) {
		g_set_error(error, SE_ERROR, SE_FORMAT, "Office files need "
		    "libzip: install the package libzip4 (%s)", why);
		g_free(why);
		return false;
	}
	return true;
}

void zip_discard(zip_t *z) { lib.zip_discard(z); }
void zip_error_fini(zip_error_t *e) { lib.zip_error_fini(e); }
void zip_error_init(zip_error_t *e) { lib.zip_error_init(e); }
const char *zip_error_strerror(zip_error_t *e)
{ return lib.zip_error_strerror(e); }
int zip_fclose(zip_file_t *f) { return lib.zip_fclose(f); }
const char *zip_file_strerror(zip_file_t *f) { return lib.zip_file_strerror(f); }
zip_file_t *zip_fopen_index(zip_t *z, zip_uint64_t i, zip_flags_t fl)
{ return lib.zip_fopen_index(z, i, fl); }
zip_int64_t zip_fread(zip_file_t *f, void *buf, zip_uint64_t n)
{ return lib.zip_fread(f, buf, n); }
const char *zip_get_name(zip_t *z, zip_uint64_t i, zip_flags_t fl)
{ return lib.zip_get_name(z, i, fl); }
zip_int64_t zip_get_num_entries(zip_t *z, zip_flags_t fl)
{ return lib.zip_get_num_entries(z, fl); }
zip_int64_t zip_name_locate(zip_t *z, const char *name, zip_flags_t fl)
{ return lib.zip_name_locate(z, name, fl); }
zip_t *zip_open_from_source(zip_source_t *src, int fl, zip_error_t *e)
{ return lib.zip_open_from_source(src, fl, e); }
zip_source_t *zip_source_buffer_create(const void *data, zip_uint64_t len,
    int freep, zip_error_t *e)
{ return lib.zip_source_buffer_create(data, len, freep, e); }
void zip_source_free(zip_source_t *src) { lib.zip_source_free(src); }
int zip_stat_index(zip_t *z, zip_uint64_t i, zip_flags_t fl, zip_stat_t *st)
{ return lib.zip_stat_index(z, i, fl, st); }
const char *zip_strerror(zip_t *z) { return lib.zip_strerror(z); }

/*
 * Some zip writers of .NET and Windows store "xl\workbook.xml" for
 * "xl/workbook.xml" (the format wants "/"; Excel opens either): a name
 * not found as written is looked for with its backslashes read as "/".
 */
zip_int64_t
zip_part_locate(zip_t *z, const char *name)
{
	zip_int64_t i = zip_name_locate(z, name, 0);
	zip_int64_t n = i >= 0 ? 0 : zip_get_num_entries(z, 0);

	for (zip_int64_t k = 0; k < n; k++) {
		const char *e = zip_get_name(z, (zip_uint64_t)k, 0);
		size_t j = 0;
		if (e == NULL || strchr(e, '\\') == NULL)
			continue;
		while (name[j] != '\0' && (e[j] == name[j] ||
		    (e[j] == '\\' && name[j] == '/')))
			j++;
		if (name[j] == '\0' && e[j] == '\0')
			return k;
	}
	return i;
}
