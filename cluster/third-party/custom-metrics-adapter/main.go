/*
Copyright 2018 The Kubernetes Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

// Copied from sigs.k8s.io/custom-metrics-apiserver v1.37.0, file test-adapter/main.go
// (https://github.com/kubernetes-sigs/custom-metrics-apiserver/blob/v1.37.0/test-adapter/main.go),
// licensed under the Apache License 2.0 above. Changed by statuslint: the plain-HTTP server for
// writing fake metrics listens on --fake-metrics-address (default 127.0.0.1:8080; empty disables it)
// instead of the hard-coded ":8080" (all interfaces). Everything else, the provider included, is
// upstream's, imported unchanged from the module.
package main

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/emicklei/go-restful/v3"
	"k8s.io/component-base/logs"
	"k8s.io/component-base/metrics/legacyregistry"
	"k8s.io/klog/v2"

	"sigs.k8s.io/custom-metrics-apiserver/pkg/apiserver/metrics"
	basecmd "sigs.k8s.io/custom-metrics-apiserver/pkg/cmd"
	"sigs.k8s.io/custom-metrics-apiserver/pkg/provider"
	fakeprov "sigs.k8s.io/custom-metrics-apiserver/test-adapter/provider"
)

type SampleAdapter struct {
	basecmd.AdapterBase

	// Message is printed on successful startup
	Message string
	// FakeMetricsAddress is where the plain-HTTP /write-metrics server listens ("" disables it).
	// Added by statuslint.
	FakeMetricsAddress string
}

func (a *SampleAdapter) makeProviderOrDie() (provider.MetricsProvider, *restful.WebService) {
	client, err := a.DynamicClient()
	if err != nil {
		klog.Fatalf("unable to construct dynamic client: %v", err)
	}

	mapper, err := a.RESTMapper()
	if err != nil {
		klog.Fatalf("unable to construct discovery REST mapper: %v", err)
	}

	return fakeprov.NewFakeProvider(client, mapper)
}

func main() {
	logs.InitLogs()
	defer logs.FlushLogs()

	cmd := &SampleAdapter{}
	cmd.Name = "test-adapter"

	cmd.Flags().StringVar(&cmd.Message, "msg", "starting adapter...", "startup message")
	// Added by statuslint.
	cmd.Flags().StringVar(&cmd.FakeMetricsAddress, "fake-metrics-address", "127.0.0.1:8080",
		"host:port of the plain-HTTP server for POSTing fake metrics to /write-metrics/...; empty disables it (upstream: \":8080\")")
	logs.AddFlags(cmd.Flags())
	if err := cmd.Flags().Parse(os.Args); err != nil {
		klog.Fatalf("unable to parse flags: %v", err)
	}

	testProvider, webService := cmd.makeProviderOrDie()
	cmd.WithCustomMetrics(testProvider)
	cmd.WithExternalMetrics(testProvider)

	if err := metrics.RegisterMetrics(legacyregistry.Register); err != nil {
		klog.Fatalf("unable to register metrics: %v", err)
	}

	klog.Infof("%s", cmd.Message)
	// Set up POST endpoint for writing fake metric values
	if cmd.FakeMetricsAddress != "" { // statuslint: was unconditional
		restful.DefaultContainer.Add(webService)
		go func() {
			// Open port for POSTing fake metrics
			server := &http.Server{
				Addr:              cmd.FakeMetricsAddress, // statuslint: was ":8080"
				ReadHeaderTimeout: 3 * time.Second,
			}
			klog.Fatal(server.ListenAndServe())
		}()
	}
	if err := cmd.Run(context.Background()); err != nil {
		klog.Fatalf("unable to run custom metrics adapter: %v", err)
	}
}
