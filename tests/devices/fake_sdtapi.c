/* A stand-in for the vendor's libsdtapi.so, compiled by the tests with gcc: it answers as a real reader does,
   scripted by two files. FAKE_SDT_CONTROL holds seven numbers: the port the reader sits on, then what
   SDT_OpenPort, SDT_StartFindIDCard, SDT_SelectIDCard and SDT_ReadBaseMsg answer, the base message's length and
   the photo's length. FAKE_SDT_MESSAGE holds the bytes of the base message, then the photo. Every call reads the
   files again, so a test changes the reader's answers between two polls (a card taken away, a reader unplugged). */
#include <stdio.h>
#include <stdlib.h>

static int script(int values[7]) {
    const char *path = getenv("FAKE_SDT_CONTROL");
    FILE *file = path ? fopen(path, "r") : NULL;
    int read = 0;
    if (file) {
        read = fscanf(file, "%i %i %i %i %i %i %i", &values[0], &values[1], &values[2], &values[3], &values[4], &values[5], &values[6]);
        fclose(file);
    }
    return read == 7;
}

int SDT_OpenPort(int port) {
    int v[7];
    if (!script(v)) return 0x01;
    return port == v[0] ? v[1] : 0x01;
}

int SDT_ClosePort(int port) { (void)port; return 0x90; }

int SDT_StartFindIDCard(int port, unsigned char *manage, int open) {
    int v[7];
    (void)manage; (void)open;
    if (!script(v) || port != v[0]) return 0x02;
    return v[2];
}

int SDT_SelectIDCard(int port, unsigned char *manage, int open) {
    int v[7];
    (void)manage; (void)open;
    if (!script(v) || port != v[0]) return 0x02;
    return v[3];
}

int SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *text_len, unsigned char *photo, unsigned int *photo_len, int open) {
    int v[7];
    (void)open;
    if (!script(v) || port != v[0]) return 0x02;
    if (v[4] != 0x90) return v[4];
    const char *path = getenv("FAKE_SDT_MESSAGE");
    FILE *file = path ? fopen(path, "rb") : NULL;
    if (!file) return 0x41;
    size_t got = fread(text, 1, (size_t)v[5], file);
    *text_len = (unsigned int)got;
    *photo_len = (unsigned int)fread(photo, 1, (size_t)v[6], file);
    fclose(file);
    return 0x90;
}
