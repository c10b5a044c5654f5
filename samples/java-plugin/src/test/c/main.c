/* A C program using the plugin: it knows only plugin.h and libplugin.so. */
#include <stdio.h>
#include "plugin.h"

int main(void) {
    double values[] = {1.5, 2.25, 4.0};
    printf("add(40, 2) = %d\n", add(40, 2));
    printf("word_count = %d\n", word_count("  the quick  brown fox "));
    printf("sum = %.2f\n", sum(values, 3));
    printf("calls = %ld\n", calls());
    return 0;
}
