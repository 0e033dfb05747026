/*
 * Libraries that print to stderr past any error handler (Leptonica's
 * decoders, Poppler's cairo backend on a font FreeType cannot load): their
 * lines go to /dev/null between quiet_begin and quiet_end, so a bad file
 * still gets its one line from selfeval and nothing else.
 */
#ifndef SE_QUIET_H
#define SE_QUIET_H

struct quiet {
	int saved, null;	/* stderr as it was; /dev/null */
};

void quiet_begin(struct quiet *q);
void quiet_end(struct quiet *q);

#endif
