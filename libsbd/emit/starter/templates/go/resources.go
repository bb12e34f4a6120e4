// AWS SDK for Go v2 clients and small helpers for {{fn_id}}'s outgoing
// connections, configured from the environment variables that the template
// sets. Clients are made on first use, so the handler starts without
// credentials or network, and tests can set a client variable to a fake.
package main

import (
{{imports}})
//@@if res.table.read res.table.write res.bucket.read res.bucket.write res.queue res.topic res.stream res.deliveryStream res.eventBus res.fn res.stepFn res.secret res.parameter

var (
	awsConfigOnce sync.Once
	awsConfig     aws.Config
	awsConfigErr  error
)

// AWSConfig loads the SDK's configuration once (region and credentials from
// the Lambda environment).
func AWSConfig(ctx context.Context) (aws.Config, error) {
	awsConfigOnce.Do(func() { awsConfig, awsConfigErr = config.LoadDefaultConfig(ctx) })
	return awsConfig, awsConfigErr
}
//@@end

func env(name string) (string, error) {
	value, ok := os.LookupEnv(name)
	if !ok {
		return "", fmt.Errorf("environment variable %s is not set", name)
	}
	return value, nil
}
//@@if res.bucket.write res.stream res.deliveryStream

// toBytes gives bytes as they are, a string's bytes, or a value as JSON.
func toBytes(data any) ([]byte, error) {
	switch d := data.(type) {
	case []byte:
		return d, nil
	case string:
		return []byte(d), nil
	}
	return json.Marshal(data)
}
//@@end
//@@if res.queue res.topic

// toText gives a string as it is, or a value as JSON.
func toText(data any) (string, error) {
	if s, ok := data.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(data)
	return string(b), err
}
//@@end
{{services}}{{resources}}