/* A stand-in for the vendor's WLT photo decoder: GetBmp writes a bitmap beside the .wlt file it is given. */
#include <stdio.h>
#include <string.h>

int GetBmp(const char *wlt, int kind) {
    char bmp[4096];
    size_t n = strlen(wlt);
    (void)kind;
    if (n < 4 || n >= sizeof bmp) return -1;
    memcpy(bmp, wlt, n - 3);
    strcpy(bmp + n - 3, "bmp");
    FILE *in = fopen(wlt, "rb");
    FILE *out = fopen(bmp, "wb");
    if (!in || !out) return -2;
    fputs("BM-fake-photo:", out);
    int c;
    while ((c = fgetc(in)) != EOF) fputc(c, out);
    fclose(in);
    fclose(out);
    return 1;
}
