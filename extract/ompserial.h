/*
 * OpenMP's parallel regions, run on the calling thread, for Tesseract
 * (see ompserial.c). Nothing in selfeval calls these: libtesseract does,
 * through the executable's dynamic symbols.
 */
#ifndef SE_OMPSERIAL_H
#define SE_OMPSERIAL_H

void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads,
    unsigned flags);
void GOMP_parallel_sections(void (*fn)(void *), void *data,
    unsigned num_threads, unsigned count, unsigned flags);
unsigned GOMP_sections_next(void);
void GOMP_sections_end_nowait(void);

#endif
