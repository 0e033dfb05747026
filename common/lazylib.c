#include <dlfcn.h>
#include <glib.h>

#include "lazylib.h"

void *
lazylib_open(const char *soname, const char *const *names,
    void **const *slots, size_t n, char **why)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		*why = g_strdup(dlerror());
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if ((*slots[i] = dlsym(h, names[i])) == NULL) {
			*why = g_strdup_printf("%s has no %s", soname, names[i]);
			dlclose(h);
			return NULL;
		}
	return h;
}
