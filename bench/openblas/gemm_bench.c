/* Peer benchmark for `recurrent bench gemm`: OpenBLAS sgemm on the same shapes and by the same method as
 * Recurrent's GemmBenchmark (row-major C = A·B, no transposes, alpha = 1, beta = 0, random operands; each repeat
 * times a batch of at least 50 ms; the median over repeats is reported). Shapes are M×K×N: C is M×N, A is M×K.
 * A tool for side-by-side timings only; the library never links OpenBLAS.
 * Usage: gemm_bench [repeats] [MxKxN ...] */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static void measure(int m, int k, int n, int repeats) {
    float *a = malloc(sizeof(float) * (size_t)m * k), *b = malloc(sizeof(float) * (size_t)k * n);
    float *c = malloc(sizeof(float) * (size_t)m * n);
    double *seconds = malloc(sizeof(double) * repeats);
    srand(1234);
    for (size_t i = 0; i < (size_t)m * k; i++) a[i] = 2.0f * rand() / RAND_MAX - 1.0f;
    for (size_t i = 0; i < (size_t)k * n; i++) b[i] = 2.0f * rand() / RAND_MAX - 1.0f;
#define ONCE() cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n)
    ONCE();
    double start = now();
    ONCE();
    double single = now() - start;
    if (single < 1e-7) single = 1e-7;
    long batch = (long)(0.05 / single) + 1;
    if (batch > 1000000) batch = 1000000;
    for (int r = 0; r < repeats; r++) {
        start = now();
        for (long i = 0; i < batch; i++) ONCE();
        seconds[r] = (now() - start) / batch;
    }
    qsort(seconds, repeats, sizeof(double), compare);
    double median = repeats % 2 ? seconds[repeats / 2] : 0.5 * (seconds[repeats / 2 - 1] + seconds[repeats / 2]);
    printf("%d×%d×%d %.1f GFLOP/s  (median of %d, %.3f ms per product)\n", m, k, n,
           2.0 * m * n * k / median / 1e9, repeats, median * 1e3);
    fflush(stdout);
    free(a); free(b); free(c); free(seconds);
}

int main(int argc, char **argv) {
    int repeats = argc > 1 ? atoi(argv[1]) : 5;
    static const int standard[][3] = {
        {256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}, {2048, 2048, 2048},
        {50, 128, 512}, {50, 512, 2048}, {2500, 512, 2048},
    };
    if (argc > 2) {
        for (int i = 2; i < argc; i++) {
            int m, k, n;
            if (sscanf(argv[i], "%dx%dx%d", &m, &k, &n) == 3) measure(m, k, n, repeats);
        }
    } else {
        for (size_t i = 0; i < sizeof standard / sizeof standard[0]; i++)
            measure(standard[i][0], standard[i][1], standard[i][2], repeats);
    }
    return 0;
}
