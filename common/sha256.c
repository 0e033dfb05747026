#include <glib.h>
#include <nettle/sha2.h>

#include "sha256.h"

char *
sha256_hex(const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	unsigned char d[SHA256_DIGEST_SIZE];
	char *s = g_malloc(2 * SHA256_DIGEST_SIZE + 1);

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		s[2 * i] = hex[d[i] >> 4];
		s[2 * i + 1] = hex[d[i] & 15];
	}
	s[2 * SHA256_DIGEST_SIZE] = '\0';
	return s;
}
